"""Joining a lesson: the address students open, and its QR code (attnviz.classroom.join)."""

import io
import struct

import pytest

from attnviz.classroom import join


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.3.2.1", True),
        ("::1", True),
        ("[::1]", True),
        ("", True),
        ("192.168.1.23", False),
        ("10.0.0.5", False),
        ("fe80::1", False),
        ("classroom.example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert join.is_loopback(host) is loopback


def test_server_host_prefers_a_real_configured_address():
    assert join.server_host("10.1.2.3", lan="192.168.1.23") == "10.1.2.3"
    # Listening everywhere or on loopback: the machine's network address.
    for configured in ("", None, "0.0.0.0", "::", "127.0.0.1", "localhost"):
        assert join.server_host(configured, lan="192.168.1.23") == "192.168.1.23"
    assert join.server_host("0.0.0.0", lan=None) is None


def test_join_url_replaces_a_loopback_browser_address_with_the_servers():
    url = join.join_base_url("http://localhost:8501/sentiment", "192.168.1.23", 8501)
    assert url == "http://192.168.1.23:8501"
    url = join.join_base_url("http://127.0.0.1:8501/", "192.168.1.23", 8502, "/attn/", "https")
    assert url == "https://192.168.1.23:8502/attn"
    assert join.join_base_url(None, "fe80::1", 8501) == "http://[fe80::1]:8501"


def test_join_url_keeps_an_address_others_can_already_reach():
    url = join.join_base_url("https://attnviz.school.example:8443/dates", "192.168.1.23", 8501)
    assert url == "https://attnviz.school.example:8443"
    assert join.join_base_url("http://192.168.1.50:8501/", None, 8501) == "http://192.168.1.50:8501"


def test_join_url_is_none_without_a_network():
    assert join.join_base_url("http://localhost:8501/", None, 8501) is None
    assert join.join_base_url(None, None, 8501) is None


def test_lan_address_is_not_loopback():
    address = join.lan_address()
    assert address is None or not join.is_loopback(address)


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_qr_code_grows_with_the_link_and_has_a_quiet_zone():
    short = "http://192.168.1.23:8501/sentiment?text=great+film"
    modules = join.qr_modules(short)
    assert 21 <= modules <= 41 and (modules - 17) % 4 == 0  # a QR version's side
    width, height = png_size(join.qr_png(short, scale=10, border=2))
    assert width == height == (modules + 4) * 10
    long = short + "+and+more" * 40
    assert join.qr_modules(long) > modules


@pytest.mark.parametrize(
    "link",
    [
        "http://10.0.0.5:8501/dates?task=time&text=quarter+to+nine",
        "http://192.168.1.23:8501/sentiment?lang=zh&text=" + "great+film+" * 30,
    ],
)
def test_qr_code_scans_back_to_the_link(link):
    """A QR reader (zxing-cpp, as in phone apps) reads the link back from the PNG."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (requirements-dev.txt) is absent")
    from PIL import Image

    image = Image.open(io.BytesIO(join.qr_png(link)))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [link]
