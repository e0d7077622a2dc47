"""Joining a lesson: the address students type (or scan) to open the teacher's view.

Pure Python (no Streamlit). The app server runs on the teacher's machine; the
teacher's browser often shows it as `http://localhost:8501`, which is useless to a
student. `join_base_url` picks an address the room can reach: the browser's own
address when it is not a loopback one (the app is already served under a real
name), otherwise the server's address on the local network. `qr_png` draws the
link as a QR code for a phone camera.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

# Hosts a browser uses for "this machine": a link with them works only there.
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})
# Listening on these means "every interface": the address itself is not reachable.
ANY_ADDRESSES = frozenset({"0.0.0.0", "::", ""})
# A documentation address (RFC 5737, TEST-NET-1): UDP-"connecting" to it picks the
# interface of the default route without sending a single packet.
ROUTE_PROBE = ("192.0.2.1", 9)


def is_loopback(host):
    """True for hosts that mean "this machine" (localhost, 127.x.x.x, ::1)."""
    host = (host or "").strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address():
    """This machine's IPv4 address on its network, or None when it has none.

    Opens a UDP socket and "connects" it, which only asks the kernel for the route
    (UDP sends nothing until data is written); the socket's own address is the
    address of the interface others reach this machine by.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(ROUTE_PROBE)
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) or address in ANY_ADDRESSES else address


def server_host(configured_address, lan=None):
    """The host students should use for a server listening on `configured_address`.

    Args:
        configured_address: Streamlit's `server.address` ("" or None when unset,
            "0.0.0.0" for every interface, or one address).
        lan: this machine's network address (`lan_address()`), or None.

    Returns:
        The configured address when it is a real, non-loopback one; else `lan`
        (None when the machine has no network address).
    """
    configured = (configured_address or "").strip()
    if configured not in ANY_ADDRESSES and not is_loopback(configured):
        return configured
    return lan


def join_base_url(browser_url, host, port, base_path="", scheme="http"):
    """The app's address for students: `scheme://host:port/base_path`, without a page.

    Args:
        browser_url: the address the teacher's browser shows (`st.context.url`),
            or None. When its host is not a loopback one it is already reachable
            by others and is used as it is (scheme, host and port).
        host: the server's network host (`server_host`), or None.
        port: the server's port.
        base_path: Streamlit's `server.baseUrlPath` ("" when unset).
        scheme: "https" when the server has a certificate.

    Returns:
        The base URL (no trailing slash), or None when no address reachable by
        others is known (only a loopback browser address and no network).
    """
    path = "/" + base_path.strip("/") if base_path and base_path.strip("/") else ""
    if browser_url:
        parts = urlsplit(browser_url)
        if parts.hostname and not is_loopback(parts.hostname):
            return f"{parts.scheme}://{parts.netloc}{path}"
    if not host:
        return None
    shown = f"[{host}]" if ":" in host else host  # an IPv6 literal needs brackets
    return f"{scheme}://{shown}:{int(port)}{path}"


def qr_png(text, scale=10, border=2):
    """PNG bytes of a QR code holding `text` (error correction M, black on white).

    `scale` pixels per module; the code grows with the length of `text`.
    """
    import io

    import segno

    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=border, dark="#000000", light="#ffffff")
    return buffer.getvalue()


def qr_modules(text):
    """The number of modules on a side of the QR code of `text` (21 for version 1)."""
    import segno

    return segno.make(text, error="m", micro=False).symbol_size(scale=1, border=0)[0]
