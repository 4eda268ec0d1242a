"""The register of opbouwwerkers (DOMAIN.md, "The register" and "Default register policy").

The policy in force, the ledger of everything that could count, the evaluation and forecast,
applications, ballotage, registrations and renewal, the public register and the office's
reports. Writes are in ``services``, reads in ``selectors``; every number about the register
that a page, PDF, export or API shows comes from ``selectors``.
"""
