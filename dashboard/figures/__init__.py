"""Figures: small frames in, `go.Figure` out; themed, translated, never blank."""
