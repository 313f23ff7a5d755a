"""Chart builders, one module per chapter; all use the theme in ailead.charts."""
