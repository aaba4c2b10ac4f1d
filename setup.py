"""Packaging for Scrapyd: ``scrapyd-deploy`` builds an egg of the project with this file.

The ``scrapy`` entry point tells Scrapyd which settings module the project uses. Dependencies are
not declared here: Scrapyd runs the egg with the packages of its own environment
(``requirements.txt``).
"""

from setuptools import find_packages, setup

setup(
    name="newsbot",
    version="0.1.0",
    packages=find_packages(include=["newsbot", "newsbot.*"]),
    package_data={"newsbot.sample_site": ["*.html", "*.xml", "*.json", "*.txt", "*.css", "*.js"]},
    entry_points={"scrapy": ["settings = newsbot.settings"]},
    zip_safe=False,
)
