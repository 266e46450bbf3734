"""Pages of loans: thin views that parse, authorise through the selectors, call one service
and render. Split by subject: applications, loans (schedule, repayments, servicing),
documents, the portfolio, products and the participant's portal."""
