# Varnish 7 in front of the portal: anonymous pages from the cache, purged on publish.
#
# The application decides what may be cached (Cache-Control: public, s-maxage=..., see
# pirsote/core/http_cache.py) and purges what a change makes stale (pirsote/core/
# frontend_cache.py): PURGE <path> drops that path with every query string, BAN <path> every
# path that starts with it (BAN / drops everything). See the README, "Caching".
#
#   varnishd -a :6081 -f /path/to/deploy/varnish/default.vcl -s malloc,256m
#
# backend.vcl (the application's address) and purgers.vcl (who may purge) are looked up next
# to this file, or first in the directories of `-p vcl_path=`.
vcl 4.1;

import std;

include "backend.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
    include "purgers.vcl";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Cached objects carry their path without the query string in x-path (set below).
        set req.http.x-purge-path = regsub(req.url, "\?.*$", "");
        if (req.http.x-purge-path !~ "^/[A-Za-z0-9/._-]*$") {
            return (synth(400, "Bad path"));
        }
        if (req.method == "PURGE") {
            # A ban rather than purge: every query string of the path goes, and a ban on obj.*
            # only is tested by the ban lurker in the background.
            if (!std.ban("obj.http.x-path == " + req.http.x-purge-path)) {
                return (synth(400, std.ban_error()));
            }
            return (synth(200, "Purged"));
        }
        # BAN: the prefix as a regular expression; its characters are checked above, and the
        # dots are escaped.
        if (!std.ban("obj.http.x-path ~ ^" + regsuball(req.http.x-purge-path, "\.", "\\."))) {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # POSTs (the subscription form, the admin) and anything else go to the application.
        return (pass);
    }
    # The admin and its previews, uploads (embargoed media and documents are only for
    # editors), and everyone with a session (editors) or credentials: never from the cache.
    if (req.url ~ "^/(admin|documents|media)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # The same page for every anonymous visitor: a CSRF token or other cookie of theirs, or
    # their browser's languages (the language is in the path), make no difference.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    # One site: the URL alone. Purges come with the Site's host name, not the visitor's.
    hash_data(req.url);
    return (lookup);
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.x-cache;
    unset bereq.http.x-purge-path;
}

sub vcl_backend_response {
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Only what the application says any shared cache may keep, for as long as it says
    # (s-maxage, which Varnish reads before max-age). Everything else: fetched every time.
    if (beresp.status != 200
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(public|s-maxage)"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # An expired copy may be served for a few seconds while a fresh one is fetched; a purged
    # one never is.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (req.http.x-cache != "PASS") {
        if (obj.hits > 0) {
            set resp.http.X-Cache = "HIT";
        } else {
            set resp.http.X-Cache = "MISS";
        }
    } else {
        set resp.http.X-Cache = "PASS";
    }
    unset resp.http.x-path;
}
