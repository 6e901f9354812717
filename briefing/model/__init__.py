"""The model: the briefing as frozen, typed objects, knowing none of the stages that
make it (reading/, linking/) or show it (output/)."""
