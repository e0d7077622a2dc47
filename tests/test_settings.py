"""Classroom settings: presenter font size, palettes, toolbar config, shareable links."""

from urllib.parse import parse_qs, urlsplit

import pytest

from attnviz.classroom import settings
from attnviz.viz import render


def test_presenter_mode_enlarges_the_font():
    assert settings.font_size_px(True) > settings.font_size_px(False)
    assert f"font-size: {settings.font_size_px(True)}px" in settings.presenter_css(True)
    assert f"font-size: {settings.font_size_px(False)}px" in settings.presenter_css(False)


@pytest.mark.parametrize("name", sorted(settings.PALETTES))
def test_every_palette_runs_light_to_dark(name):
    scale = settings.PALETTES[name]
    low, high = render.shades([0.0, 1.0], scale)
    assert render.luminance(low) > 0.85 and render.luminance(high) < 0.1


def test_reading_settings_from_session_state():
    state = {"lang": "zh", "presenter": True, "palette": "cividis", "image_format": "svg"}
    assert settings.language(state) == "zh" and settings.language({"lang": "fr"}) == "en"
    assert settings.presenter(state) and not settings.presenter({})
    assert settings.colorscale({"palette": "nope"}) == "Blues"
    config = settings.plotly_config(state, "attnviz-x")
    assert config["toImageButtonOptions"]["format"] == "svg"
    assert config["toImageButtonOptions"]["filename"] == "attnviz-x"
    assert settings.plotly_config({}, "f")["toImageButtonOptions"]["format"] == "png"


def test_share_url_round_trips_any_text():
    text = 'I <3 it & "loved" it? 好看 #1'
    url = settings.share_url("http://localhost:8501/", "sentiment", {"text": text, "quiz": None})
    parts = urlsplit(url)
    assert parts.path == "/sentiment"
    assert parse_qs(parts.query) == {"text": [text]}
    assert settings.share_url(None, "dates", {}) == "/dates"
    on_page = settings.share_url("http://h:1/dates", "dates", {"step": 2})
    assert on_page == "http://h:1/dates?step=2"


def test_link_updates_sets_changes_and_drops_empty_values():
    to_set, to_delete = settings.link_updates(
        {"text": "old", "quiz": "1", "lang": "zh"}, {"text": "new", "quiz": None}, ("text", "quiz")
    )
    assert to_set == {"text": "new"} and to_delete == ["quiz"]
