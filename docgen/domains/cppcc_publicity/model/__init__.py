"""The 政协宣传信息工作 facts model: its blocks, its root model (:class:`facts.Facts`) and its cross-field rules."""
