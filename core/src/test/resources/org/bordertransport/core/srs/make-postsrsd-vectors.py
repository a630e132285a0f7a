#!/usr/bin/env python3
"""Regenerates postsrsd-vectors.tsv: interop vectors from a real postsrsd (Debian bookworm package, 1.10).

Needs `apt-get install -y postsrsd faketime`. Runs postsrsd in the foreground under faketime at fixed dates (UTC noon),
asks its Postfix tcp_table ports (`get <url-encoded address>` -> `200 <url-encoded result>` or `500 <reason>`), stops it.
Usage: make-postsrsd-vectors.py > postsrsd-vectors.tsv
"""
import os, random, socket, subprocess, sys, tempfile, time, urllib.parse

SECRET = "interop-vector-secret-not-for-production"
DOMAIN = "forward.example"
FPORT, RPORT = 10101, 10102
FAKETIME_LIB = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"


def enc(s):
    return "".join(c if (33 <= ord(c) <= 126 and c != "%") else "%%%02x" % ord(c) for c in s)


class Postsrsd:
    def __init__(self, date, secret_file):
        # libfaketime preloaded into postsrsd itself (not the faketime wrapper), so that terminate() stops postsrsd
        env = dict(os.environ, TZ="UTC", LD_PRELOAD=FAKETIME_LIB, FAKETIME="@" + date + " 12:00:00")
        self.proc = subprocess.Popen(["postsrsd", "-d" + DOMAIN, "-s" + secret_file,
                                      "-f%d" % FPORT, "-r%d" % RPORT, "-l127.0.0.1", "-4"], env=env)
        self.socks = {}
        for _ in range(100):
            if self.proc.poll() is not None:
                sys.exit("postsrsd exited with status %d" % self.proc.returncode)
            try:
                self.socks = {p: socket.create_connection(("127.0.0.1", p)) for p in (FPORT, RPORT)}
                break
            except OSError:
                time.sleep(0.05)
        self.files = {p: s.makefile("rw", newline="\n") for p, s in self.socks.items()}

    def ask(self, port, address):
        f = self.files[port]
        f.write("get " + enc(address) + "\n")
        f.flush()
        line = f.readline().rstrip("\n")
        status, _, rest = line.partition(" ")
        return status, urllib.parse.unquote(rest) if status == "200" else rest

    def stop(self):
        for s in self.socks.values():
            s.close()
        self.proc.terminate()
        self.proc.wait()
        time.sleep(0.2)


def forward_inputs():
    rnd = random.Random(5)
    locals_ = ["bob", "Bob", "BOB", "john.doe", "John.Doe", "a", "x1", "first.last+tag", "first.last+Tag+two",
               "user=equals", "a=b=c", "=lead", "trail=", "user-dash", "-lead", "trail-", "under_score",
               "o'brien", "hash#mark", "bang!", "amp&er", "star*", "slash/path", "q?mark", "caret^", "back`tick",
               "brace{x}", "pipe|x", "tilde~x", "dollar$", "per%cent", "dots..double", ".lead", "trail.",
               "0123456789", "MiXeD.CaSe+TaG=Eq-Dash", "x" * 64, "long." + "y" * 58, "z" * 100]
    domains = ["example.com", "Example.COM", "sub.example.org", "xn--bcher-kva.example", "a-b.example.net",
               "mail.EXAMPLE.co.uk", "x.y.z.example", "example.com"]
    out = []
    for i, l in enumerate(locals_):
        out.append(l + "@" + domains[i % len(domains)])
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+=-_"
    for i in range(120):
        n = rnd.randint(1, 70)
        l = "".join(rnd.choice(alphabet) for _ in range(n))
        d = rnd.choice(domains)
        out.append(l + "@" + d)
    # already-SRS senders from other forwarders: SRS0 -> SRS1, SRS1 -> SRS1 keeping the first forwarder
    for sep in "=+-":
        out.append("SRS0" + sep + "AbC+=XY=example.com=bob@first.example")
        out.append("srs0" + sep + "a/b+=zz=Example.com=Bob@First.Example")
        out.append("SRS1" + sep + "Wxyz=first.example==AbC+=XY=example.com=bob@second.example")
        out.append("SRS1" + sep + "Wxyz=first.example=-AbC+=XY=example.com=bob@second.example")
    out.append("SRS0=HHHH=TT=domain.example=local=with=equals@first.example")
    out.append("SRS0=hash=TT=domain.example=user@" + DOMAIN)       # same domain: not rewritten
    out.append("SRS1=hash=first.example==HHHH=TT=d.example=u@third.example")
    out.append("SRS2=not=srs@other.example")
    out.append("SRS0x=not=srs@other.example")
    out.append("srs0@other.example")
    out.append("bounces+SRS=44ldt=IX@contoso.com")
    out.append("john.work+SRS=44ldt=IX=fabrikam.com=bob@contoso.com")
    out.append("someone@" + DOMAIN)
    out.append("someone@FORWARD.Example")
    out.append("noatsign")
    return out


def main():
    tmp = tempfile.mkdtemp()
    secret_file = os.path.join(tmp, "secret")
    with open(secret_file, "w") as f:
        f.write(SECRET + "\n")
    version = subprocess.run(["postsrsd", "-v"], capture_output=True, text=True).stdout.strip()
    rows = []

    def run(date, port_name, inputs, d):
        port = FPORT if port_name == "forward" else RPORT
        results = []
        for a in inputs:
            status, result = d.ask(port, a)
            rows.append((date, port_name, a, status, result))
            results.append((status, result))
        return results

    today = "2026-11-23"
    d = Postsrsd(today, secret_file)
    fwd = forward_inputs()
    res = run(today, "forward", fwd, d)
    made = [r for (s, r), a in zip(res, fwd) if s == "200" and r != a]
    run(today, "reverse", made, d)
    variants = []
    for i, a in enumerate(made[:40]):
        variants.append(a.lower() if i % 2 else a.upper())
    for a in made[40:60]:   # one hash character changed
        local = a.split("@")[0]
        h = local[5:9]
        h2 = ("A" if h[0] != "A" else "B") + h[1:]
        variants.append(a.replace(h, h2, 1))
    for a in made[60:70]:   # original local part changed
        variants.append(a.replace("@", "x@", 1) if a.startswith("SRS0") else a)
    variants += ["bob@example.com", "SRS0=abcd@forward.example", "SRS0=abcd=TT@forward.example",
                 "SRS0=abcd=TT=example.com@forward.example", "SRS0=abcd=1A=example.com=bob@forward.example",
                 "SRS1=abcd@forward.example", "SRS1=abcd=host.example@forward.example",
                 "SRS3=abcd=AA=example.com=bob@forward.example", "SRS0@forward.example"]
    run(today, "reverse", variants, d)
    # fresh made at a second forward: already rewritten
    run(today, "forward", made[:10], d)
    d.stop()

    # the 1024-day wrap: epoch day 20479 (timestamp 77) is 2026-01-26, day 20480 (AA) is 2026-01-27
    early = "2026-01-26"
    d = Postsrsd(early, secret_file)
    wrap_inputs = fwd[:30] + [a for a in fwd if a.upper().startswith("SRS")][:6]
    res = run(early, "forward", wrap_inputs, d)
    wrap_made = [r for (s, r), a in zip(res, wrap_inputs) if s == "200" and r != a]
    run(early, "reverse", wrap_made, d)
    d.stop()
    for later in ("2026-01-27", "2026-02-16", "2026-02-17", "2028-11-14", "2028-11-15"):
        d = Postsrsd(later, secret_file)
        run(later, "reverse", wrap_made, d)
        d.stop()

    print("# Interop vectors from a real postsrsd; regenerate with make-postsrsd-vectors.py (same directory).")
    print("# Made on %s with Debian bookworm postsrsd %s (package 1.10-2+b1), run under faketime at each row's date"
          % (time.strftime("%Y-%m-%d", time.gmtime()), version))
    print("# (12:00 UTC): postsrsd -d%s -s<file> -a= -n4 -N4 (defaults), secret file = the single line '%s'."
          % (DOMAIN, SECRET))
    print("# Columns: date (UTC), port (forward|reverse), input, status (200|500), result (200: address; 500: reason).")
    print("# postsrsd 1.10 writes the hash in standard base64 (+/); tcp_table %XX encoding is already decoded here.")
    for r in rows:
        print("\t".join(r))


if __name__ == "__main__":
    main()
