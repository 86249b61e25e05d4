"""Staff sign-in to the Wagtail admin: lockouts, audit log, password rules, session limits,
queued password-reset mails (README, "Staff sign-in")."""
