import io

import pytest

from satu.accounts import demo as accounts_demo
from satu.comments import demo as comments_demo
from satu.comments.models import Comment, Rating
from satu.news import demo as news_demo
from satu.news.models import Article

pytestmark = pytest.mark.django_db


def test_demo_news_has_a_dozen_illustrated_articles_and_runs_twice(reference_data):
    from satu.agencies import demo as agencies_demo

    agencies_demo.seed(io.StringIO())
    accounts_demo.seed(io.StringIO())
    news_demo.seed(io.StringIO())
    news_demo.seed(io.StringIO())
    articles = Article.objects.published()
    assert articles.count() == 12
    assert all(article.photo and article.photo_alt and article.photo_credit for article in articles)
    assert articles.values("category").distinct().count() == 5


def test_demo_comments_tolerate_no_innovations_and_go_on_accepted_ones(
    reference_data, make_innovation
):
    from satu.agencies import demo as agencies_demo

    agencies_demo.seed(io.StringIO())
    accounts_demo.seed(io.StringIO())
    comments_demo.seed(io.StringIO())
    assert not Comment.objects.exists()
    make_innovation("Antrean Online")
    make_innovation("Draf", status="draft")
    comments_demo.seed(io.StringIO())
    comments_demo.seed(io.StringIO())
    assert Comment.objects.count() == 1 and Rating.objects.count() == 1
    assert Comment.objects.get().innovation.name == "Antrean Online"
