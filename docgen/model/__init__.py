"""The machinery's facts model: the base class, the blocks every domain shares (document, org, period,
meeting) in :class:`BaseFacts`, validation and salvage.  A domain's own blocks live in its package."""

from docgen.model.basefacts import SCHEMA_VERSION, BaseFacts

__all__ = ["SCHEMA_VERSION", "BaseFacts"]
