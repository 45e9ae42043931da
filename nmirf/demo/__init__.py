"""Demo data for a trial run: the fictional Republic of Valdoria and its UN recommendations."""
