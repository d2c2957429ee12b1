#!/bin/sh
# Writes a large RSS 2.0 feed for measuring `feedwright validate`:
#   scripts/big-feed.sh 52000 > /tmp/big.xml   (about 50 MB)
#   /usr/bin/time -v target/release/feedwright validate /tmp/big.xml
set -eu
items=${1:-52000}
awk -v n="$items" 'BEGIN {
  print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  print "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
  print "<channel>\n<title>Big</title>\n<link>https://example.com/</link>\n<description>A big feed</description>"
  print "<atom:link href=\"https://example.com/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
  body = ""
  for (k = 0; k < 8; k++) body = body "lorem ipsum dolor sit amet, consectetur adipiscing elit. "
  for (i = 0; i < n; i++) {
    print "<item>\n<title>Item " i " – naïve café</title>\n<link>https://example.com/articles/" i "/</link>"
    print "<guid isPermaLink=\"true\">https://example.com/articles/" i "/</guid>\n<pubDate>Mon, 06 Jan 2025 10:00:00 +0000</pubDate>"
    print "<dc:creator>Jo Writer</dc:creator>\n<category>news</category>"
    print "<description>&lt;p&gt;Paragraph " i " with &lt;a href=\"https://example.com/x\"&gt;a link&lt;/a&gt; and &lt;em&gt;emphasis&lt;/em&gt;.&lt;/p&gt;</description>"
    print "<content:encoded><![CDATA[<p>Body " i " " body "<img src=\"https://example.com/i.png\" alt=\"x\"></p>]]></content:encoded>\n</item>"
  }
  print "</channel>\n</rss>"
}'
