from incubator.lib.workflow import Workflow

TABLE = Workflow(
    {
        ("draft", "submitted"): frozenset({"participant", "adviser"}),
        ("submitted", "approved"): frozenset({"committee"}),
    }
)


def test_a_listed_move_by_an_allowed_role_passes():
    assert TABLE.allowed("draft", "submitted", {"participant"})
    assert TABLE.targets("draft") == ["submitted"]


def test_refusals_say_whether_the_state_or_the_role_is_wrong():
    assert TABLE.refusal("draft", "approved", {"committee"}).code == "state"
    assert TABLE.refusal("submitted", "approved", {"adviser"}).code == "role"
