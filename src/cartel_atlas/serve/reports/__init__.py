"""Reports: self-contained files (maps, briefings) rendered from analysis results."""
