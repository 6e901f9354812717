"""A build that keeps a cache (build --cache): after any edit, the same bytes as a cold
build in one process; unchanged pages are the last build's files, not rendered again."""

from __future__ import annotations

from dataclasses import replace

from briefing.cache import Fingerprints
from briefing.signed import machine_key
from tests.helpers.cache import machine_key_here  # noqa: F401  (fixtures)
from tests.helpers.parallel import many_actors  # noqa: F401  (a fixture)


def test_the_key_that_signs_the_cache_is_this_users_own(tmp_path):
    """Made at random on first use, in the user's cache folder (not the project's), for
    the user's eyes only; a damaged one is replaced."""
    key, path = machine_key(), tmp_path / "xdg/briefing/cache-key"
    assert key is not None and len(key) == 32 and path.read_bytes() == key
    assert path.stat().st_mode & 0o777 == 0o600 and machine_key() == key
    path.write_bytes(b"cut short")
    assert machine_key() not in (key, b"cut short") and len(path.read_bytes()) == 32


def test_fingerprints_follow_values_not_objects_and_leave_out_where_written(many_actors):  # noqa: F811
    from briefing.linking.loading import load_and_check

    one, _ = load_and_check(many_actors)
    two, _ = load_and_check(many_actors)
    prints = Fingerprints()
    assert one is not two and prints(one) == prints(two)
    assert prints(one.events[0]) != prints(one.events[1])
    event = one.events[0]
    assert event.loc is not None and prints(replace(event, loc=None)) == prints(event)
    assert prints(replace(event, title="Another title")) != prints(event)
    actor = event.actors[0]  # an object shared by others counts in their digests
    renamed = replace(event, actors=(replace(actor, name="Someone else"), *event.actors[1:]))
    assert prints(renamed) != prints(event)
