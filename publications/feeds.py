"""The Atom feed of the newest publications."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from lms.links import absolute_url, page_url

from .selectors import newest_publications


class NewestPublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Vakpublicaties opbouwwerk")
    subtitle = _("De nieuwste publicaties over het opbouwwerk.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return absolute_url("/")

    def feed_url(self):
        return absolute_url(reverse("publications:feed"))

    def items(self):
        return newest_publications()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.abstract

    def item_link(self, item):
        return page_url(item, request=self.request) or absolute_url("/")

    def item_author_name(self, item):
        return item.authors

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
