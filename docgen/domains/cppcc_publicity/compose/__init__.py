"""The 政协宣传信息工作 composers: one per kind, and the sections they share."""
