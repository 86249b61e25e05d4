"""Reading Content-Security-Policy headers in tests."""


def parse_csp(header):
    """{directive: [sources]} of a Content-Security-Policy header; a repeated directive counts
    once, as in browsers (the first wins)."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        if name and name.lower() not in policy:
            policy[name.lower()] = sources
    return policy
