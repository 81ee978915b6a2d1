"""The content types of regionaustausch, one module each: schema, class, validators."""
