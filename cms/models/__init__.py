"""The site shell's models: home and content pages, menus and settings, and the beroepscode."""

from .code_versions import CodeVersion
from .conduct import CodeOfConductPage
from .site import ContentPage, HomePage, MenuItem, NavigationSettings

__all__ = [
    "CodeOfConductPage",
    "CodeVersion",
    "ContentPage",
    "HomePage",
    "MenuItem",
    "NavigationSettings",
]
