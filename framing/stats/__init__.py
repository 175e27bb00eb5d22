"""Statistics on analysed corpora: group comparisons, distinctive words, targeted tone."""
