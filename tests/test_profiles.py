"""Profiles: the nested shape of the default profile."""

from __future__ import annotations

from audit_logging.profiles import nest


class TestNest:
    def test_dotted_keys_become_objects(self) -> None:
        """audit.event.key becomes {"audit": {"event": {"key": ...}}}; plain keys stay."""
        assert nest({"event": "x", "audit.event.key": "k", "audit.event.name": "n", "user.id": "u"}) == {
            "event": "x",
            "audit": {"event": {"key": "k", "name": "n"}},
            "user": {"id": "u"},
        }

    def test_a_path_taken_by_a_plain_value_stays_dotted(self) -> None:
        """Nothing is lost when a plain value holds the name a dotted key would nest under."""
        assert nest({"user": "ann", "user.id": "u"}) == {"user": "ann", "user.id": "u"}

    def test_a_callers_mapping_is_copied_not_changed(self) -> None:
        """A dict value that dotted keys nest into is copied first."""
        theirs = {"name": "n"}
        out = nest({"audit": theirs, "audit.event.key": "k"})
        assert out == {"audit": {"name": "n", "event": {"key": "k"}}}
        assert theirs == {"name": "n"}
