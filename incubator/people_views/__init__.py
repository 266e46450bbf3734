"""Back-office and portal pages of the people side: thin views over selectors and services."""
