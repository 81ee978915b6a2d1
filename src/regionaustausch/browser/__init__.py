"""Classic UI views of regionaustausch. They read through the same functions the REST API uses
(supports, discussions, directory, network) and write only through them."""
