"""collective.easyform for regionaustausch: the form actions of the add-on."""
