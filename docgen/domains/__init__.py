"""Document domains: one package per field of work (its kinds, model blocks, composers, fragments, examples).

Each package exposes ``DOMAIN`` (a :class:`docgen.registry.DomainSpec`) and registers it in the entry-point
group ``docgen.domains``; see README, "Adding a domain".
"""
