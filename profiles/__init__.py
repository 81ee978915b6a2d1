"""The GenericSetup profiles of regionaustausch: ``default``, ``uninstall`` and ``demo``.

They live at the top of the repository (the design card's layout) and are shipped inside the
distribution as this package, ``regionaustausch.profiles`` (setup.py maps it with ``package_dir``), so
that an editable install and a wheel find them alike; ``configure.zcml`` beside them registers them.
"""
