"""The reading layer of the importer: files, formats and values, without the database."""
