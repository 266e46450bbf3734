"""Back-office pages of cooperatives (staff manage, advisers read) and the participant's pages.

Views parse, authorize through the selectors, call one service and render. A refused action
(``DomainError``) is shown as a form error and changes nothing.
"""
