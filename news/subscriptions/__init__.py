"""E-mail subscriptions to the newsroom's releases, with double opt-in and one-click unsubscribe.

A visitor chooses a language and optionally types and projects; a signed link in the
confirmation mail creates the subscriber. Each release's first go-live queues one mail
per matching subscriber (outbox.py), which `manage.py send_release_mails` sends.
"""
