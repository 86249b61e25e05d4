# The addresses allowed to PURGE and BAN besides loopback: add the application servers that
# publish (one quoted address or network per line, e.g. "10.0.0.12"; or "10.0.0.0"/24;).
