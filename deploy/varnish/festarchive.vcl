# Varnish in front of the app servers: pages kept until an edit retires them
# (docs/deployment.md, "Varnish: a proxy that is told").
vcl 4.1;
import xkey;
import std;

# One backend here; several app servers go behind a director (vmod_directors).
backend app1 { .host = "127.0.0.1"; .port = "8000"; }

# Who may purge: the app servers.
acl purgers { "127.0.0.1"; "10.0.0.0"/8; }

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) { return (synth(403, "Not allowed")); }
        if (!req.http.xkey-purge) { return (synth(400, "No xkey-purge header")); }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") { return (pass); }
    # Logged-in visitors and pending messages get their own, fresh pages.
    if (req.http.Cookie ~ "(^|; )(sessionid|messages)=") { return (pass); }
    # Any other cookie (a CSRF token) does not change a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # The app says how long Varnish may keep a page: until purged, or the
    # festival day's end; browsers and other caches follow Cache-Control.
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s",
            60s);
        set beresp.grace = 30s;
    }
}

sub vcl_deliver {
    # The tags are for Varnish alone.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
}
