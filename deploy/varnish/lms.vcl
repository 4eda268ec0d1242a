vcl 4.1;

# The platform's front cache: Varnish in front of the web servers.
#
# It keeps only what the application says it may keep, by the same rule as the application's
# own page cache (cms/page_cache.py): a GET or HEAD without a session or messages cookie, whose
# answer came back with the X-Cache-Scope header (a 200 for a page that set no cookie and used
# no CSRF token). Everything else passes through untouched.
#
# The language is part of the key. The request that reaches the application carries only the
# language chosen here (the language cookie first, else the first of Dutch or English the
# browser names, else Dutch), so the page stored for a key is always in that key's language.
#
# Purges come from the application's addresses only (acl purgers):
#   BAN with X-Cache-Scope: pages     drops every page of that scope (a course, or "pages")
#   BAN without the header            drops everything
#   PURGE /some/url/                  drops that URL on that host, in both languages
#                                     (Wagtail's frontend cache module, on publish)
#
# The backend is defined apart, in backend.vcl, found on the vcl_path: each server names its
# own application servers there (deploy/varnish/backend.vcl is the single-server default).

include "backend.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            ban("obj.http.X-Front-Host == " + req.http.host + " && obj.http.X-Front-Url == " + req.url);
            return (synth(200, "Purged"));
        }
        if (!req.http.X-Cache-Scope) {
            ban("obj.http.X-Cache-Scope ~ .");
            return (synth(200, "Banned"));
        }
        if (req.http.X-Cache-Scope !~ "^[A-Za-z0-9_.:-]+$") {
            return (synth(400, "Bad scope"));
        }
        ban("obj.http.X-Cache-Scope == " + req.http.X-Cache-Scope);
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed in, or a message waiting for the next page: the answer belongs to one person.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }

    if (req.http.Cookie ~ "(^|;\s*)django_language=en(;|$)") {
        set req.http.X-Language = "en";
    } elsif (req.http.Cookie ~ "(^|;\s*)django_language=nl(;|$)") {
        set req.http.X-Language = "nl";
    } else {
        set req.http.X-Language = regsub(
            req.http.Accept-Language, "^.*?(?:^|[\s,])(en|nl)(?:[-_;,\s]|$).*$", "\1");
        if (req.http.X-Language != "en") {
            set req.http.X-Language = "nl";
        }
    }
    set req.http.Accept-Language = req.http.X-Language;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Language);
    return (lookup);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (!beresp.http.X-Cache-Scope || beresp.http.Set-Cookie || beresp.status != 200) {
        # Not for keeping: ask the application each time, for two minutes before looking again.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # What a purge matches on, kept with the object.
    set beresp.http.X-Front-Url = bereq.url;
    set beresp.http.X-Front-Host = bereq.http.host;
    # The application vouches that the page is the same for every anonymous reader in this
    # language; the language is in the key, so a Vary on cookies would only split the copies.
    unset beresp.http.Vary;
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    if (resp.http.X-Cache-Scope) {
        # Only this cache hears of purges: browsers and caches further on must ask again.
        set resp.http.Cache-Control = "no-cache";
        set resp.http.Vary = "Cookie, Accept-Language";
    }
    unset resp.http.X-Cache-Scope;
    unset resp.http.X-Front-Url;
    unset resp.http.X-Front-Host;
}
