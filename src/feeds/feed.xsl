<?xml version="1.0" encoding="UTF-8"?>
<!--
  feed.xsl, written by feedwright: shows its RSS 2.0 and Atom 1.0 feeds
  as a readable page when a browser opens one. XSLT 1.0, the only version
  browsers run. Everything is copied as text (no disable-output-escaping),
  and the page makes no outside request and runs no script.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <!-- Month names as RSS dates (RFC 822) write them, three letters each. -->
  <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="rss/channel | atom:feed"/>
  </xsl:template>

  <xsl:template match="channel">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="string(title)"/>
      <!-- The channel's description is the site's plain text, unlike an
           item's. -->
      <xsl:with-param name="description" select="string(description)"/>
      <xsl:with-param name="language" select="string(language)"/>
      <xsl:with-param name="self" select="string(atom:link[@rel = 'self']/@href)"/>
      <xsl:with-param name="site" select="string(link)"/>
      <xsl:with-param name="format" select="'RSS'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="atom:feed">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="string(atom:title)"/>
      <xsl:with-param name="description" select="string(atom:subtitle)"/>
      <xsl:with-param name="language" select="string(@xml:lang)"/>
      <xsl:with-param name="self" select="string(atom:link[@rel = 'self']/@href)"/>
      <xsl:with-param name="site"
          select="string(atom:link[@rel = 'alternate' or not(@rel)][1]/@href)"/>
      <xsl:with-param name="format" select="'Atom'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The page around either format's items; the context node is the RSS
       channel or the Atom feed. -->
  <xsl:template name="page">
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="language"/>
    <xsl:param name="self"/>
    <xsl:param name="site"/>
    <xsl:param name="format"/>
    <html>
      <xsl:if test="$language != ''">
        <xsl:attribute name="lang"><xsl:value-of select="$language"/></xsl:attribute>
        <xsl:call-template name="direction">
          <xsl:with-param name="language" select="$language"/>
          <xsl:with-param name="only" select="'rtl'"/>
        </xsl:call-template>
      </xsl:if>
      <head>
        <!-- No <meta charset>: the processor writes one for the encoding
             above (libxslt as http-equiv), and two would be an error. -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="feedwright"/>
        <!-- The title between isolates (FSI … PDI): a bidi control in it
             cannot reorder the words after it. -->
        <title>&#x2068;<xsl:value-of select="$title"/>&#x2069; (<xsl:value-of select="$format"/> feed)</title>
        <style>
          :root { color-scheme: light dark; --muted: #5b6470; --box: #eef2f7; }
          @media (prefers-color-scheme: dark) { :root { --muted: #a5adb8; --box: #1f2833; } }
          body { font: 1.05rem/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: anywhere; }
          header p { margin: .25rem 0; }
          .about { background: var(--box); border-radius: .5rem; padding: .75rem 1rem; margin: 1.25rem 0; }
          .about h2 { font-size: 1.15rem; margin: .25rem 0 .5rem; }
          .about p { margin: .35rem 0; }
          code { font-size: .95em; user-select: all; }
          h1 { font-size: 1.8rem; line-height: 1.2; margin: 1rem 0 .25rem; }
          h2 { font-size: 1.3rem; margin-top: 2rem; }
          h3 { font-size: 1.1rem; margin: 0; }
          ol { list-style: none; padding: 0; }
          li { border-top: 1px solid var(--box); padding: .85rem 0; }
          .meta { color: var(--muted); font-size: .9rem; margin: .15rem 0; }
          .summary { margin: .35rem 0 0; }
        </style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="$description != ''">
            <p><xsl:value-of select="$description"/></p>
          </xsl:if>
        </header>
        <main>
          <section class="about" aria-labelledby="about">
            <h2 id="about">This is a web feed (<xsl:value-of select="$format"/>)</h2>
            <p>Follow it in a feed reader: copy this address into your reader's “add feed” or “subscribe” box.</p>
            <p><code><xsl:value-of select="$self"/></code></p>
            <xsl:if test="starts-with($site, 'https://') or starts-with($site, 'http://')">
              <p><a href="{$site}">Visit the site</a></p>
            </xsl:if>
          </section>
          <section aria-labelledby="latest">
            <h2 id="latest">Latest posts</h2>
            <ol>
              <xsl:apply-templates select="item | atom:entry"/>
            </ol>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- An item's title and summary take their direction from their own
       text (dir="auto"): an RSS item names no language, and an Arabic
       title in an English feed must still read right to left. -->
  <xsl:template match="item">
    <li>
      <article>
        <h3 dir="auto">
          <xsl:call-template name="link">
            <xsl:with-param name="href" select="string(link)"/>
            <xsl:with-param name="text" select="string(title)"/>
          </xsl:call-template>
        </h3>
        <xsl:if test="pubDate">
          <p class="meta">
            <xsl:call-template name="rss-date">
              <xsl:with-param name="date" select="normalize-space(pubDate)"/>
            </xsl:call-template>
          </p>
        </xsl:if>
        <xsl:if test="description">
          <p class="summary" dir="auto">
            <xsl:call-template name="escaped-summary">
              <xsl:with-param name="text" select="string(description)"/>
            </xsl:call-template>
          </p>
        </xsl:if>
      </article>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <xsl:if test="@xml:lang or atom:title/@xml:lang">
        <xsl:variable name="language" select="string((@xml:lang | atom:title/@xml:lang)[1])"/>
        <xsl:attribute name="lang"><xsl:value-of select="$language"/></xsl:attribute>
        <xsl:call-template name="direction">
          <xsl:with-param name="language" select="$language"/>
        </xsl:call-template>
      </xsl:if>
      <article>
        <h3 dir="auto">
          <xsl:call-template name="link">
            <xsl:with-param name="href"
                select="string(atom:link[@rel = 'alternate' or not(@rel)][1]/@href)"/>
            <xsl:with-param name="text" select="string(atom:title)"/>
          </xsl:call-template>
        </h3>
        <!-- A union is in document order, and feedwright writes
             `updated` first: the publication date is asked for by name. -->
        <xsl:variable name="date">
          <xsl:choose>
            <xsl:when test="normalize-space(atom:published) != ''">
              <xsl:value-of select="normalize-space(atom:published)"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(atom:updated)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:if test="$date != ''">
          <p class="meta">
            <xsl:call-template name="atom-date">
              <xsl:with-param name="date" select="$date"/>
            </xsl:call-template>
          </p>
        </xsl:if>
        <xsl:if test="atom:summary">
          <p class="summary" dir="auto">
            <xsl:choose>
              <!-- Escaped HTML: its markup is shown as characters, never run. -->
              <xsl:when test="atom:summary/@type = 'html'">
                <xsl:call-template name="escaped-summary">
                  <xsl:with-param name="text" select="string(atom:summary)"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="atom:summary"/></xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:if>
      </article>
    </li>
  </xsl:template>

  <!-- A link only to the web: any other scheme (javascript:, data:) is
       shown as plain text. -->
  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, 'https://') or starts-with($href, 'http://')">
        <a href="{$href}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Mon, 21 Sep 2026 14:13:20 +0000", the form feedwright writes, as a
       <time> with its machine-readable value; any other form as given. -->
  <xsl:template name="rss-date">
    <xsl:param name="date"/>
    <xsl:variable name="month" select="substring($date, 9, 3)"/>
    <xsl:variable name="before" select="string-length(substring-before($months, $month))"/>
    <xsl:choose>
      <xsl:when test="string-length($date) = 31 and substring($date, 4, 2) = ', '
          and string-length($month) = 3 and contains($months, $month) and $before mod 3 = 0">
        <time datetime="{concat(substring($date, 13, 4), '-', format-number($before div 3 + 1, '00'), '-',
            substring($date, 6, 2), 'T', substring($date, 18, 8),
            substring($date, 27, 3), ':', substring($date, 30, 2))}">
          <xsl:value-of select="concat(number(substring($date, 6, 2)), ' ', $month, ' ',
              substring($date, 13, 4))"/>
        </time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2026-09-21T14:13:20+00:00" (RFC 3339). HTML takes at most three
       digits of a second's fraction: a longer value keeps only its day. -->
  <xsl:template name="atom-date">
    <xsl:param name="date"/>
    <xsl:variable name="month" select="number(substring($date, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="$month &gt;= 1 and $month &lt;= 12 and substring($date, 5, 1) = '-'">
        <time>
          <xsl:attribute name="datetime">
            <xsl:choose>
              <xsl:when test="string-length($date) = 25 or string-length($date) = 20">
                <xsl:value-of select="$date"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="substring($date, 1, 10)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="concat(number(substring($date, 9, 2)), ' ',
              substring($months, ($month - 1) * 3 + 1, 3), ' ', substring($date, 1, 4))"/>
        </time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- `dir` for a language tag: rtl for a right-to-left language or
       script, else ltr; with only = 'rtl', nothing for a left-to-right
       one. The list matches the page's (src/feeds/page.rs). -->
  <xsl:template name="direction">
    <xsl:param name="language"/>
    <xsl:param name="only" select="''"/>
    <xsl:variable name="tag" select="concat('-', translate($language,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'abcdefghijklmnopqrstuvwxyz-'), '-')"/>
    <xsl:variable name="primary" select="substring-before(substring($tag, 2), '-')"/>
    <xsl:variable name="rtl" select="(contains(' ar arc ckb dv fa he iw ji ks nqo ps sd syr ug ur yi ',
          concat(' ', $primary, ' ')) and not(contains($tag, '-latn-') or contains($tag, '-cyrl-') or contains($tag, '-deva-')))
        or contains($tag, '-arab-') or contains($tag, '-hebr-') or contains($tag, '-thaa-')
        or contains($tag, '-syrc-') or contains($tag, '-nkoo-') or contains($tag, '-adlm-')
        or contains($tag, '-rohg-')"/>
    <xsl:choose>
      <xsl:when test="$rtl"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:when>
      <xsl:when test="$only = ''"><xsl:attribute name="dir">ltr</xsl:attribute></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- At most the first 600 characters of an escaped summary, then `…`:
       the unescaping below recurses once per escape, and libxslt stops
       a transform (a blank page) past 3000 levels. -->
  <xsl:template name="escaped-summary">
    <xsl:param name="text"/>
    <xsl:variable name="cut" select="string-length($text) &gt; 600"/>
    <xsl:call-template name="unescape">
      <xsl:with-param name="text" select="substring($text, 1, 600)"/>
      <xsl:with-param name="cut" select="$cut"/>
    </xsl:call-template>
    <xsl:if test="$cut">…</xsl:if>
  </xsl:template>

  <!-- An RSS description is HTML; feedwright writes its summaries there as
       escaped text. The escapes are undone here, one at a time, and the
       result is copied as text: a `<b>` in a summary shows as `<b>`.
       `cut`: the text was cut, and an escape cut short at its end is
       dropped rather than shown half. -->
  <xsl:template name="unescape">
    <xsl:param name="text"/>
    <xsl:param name="cut" select="false()"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
        <xsl:variable name="entity" select="substring-before($rest, ';')"/>
        <xsl:variable name="character">
          <xsl:choose>
            <xsl:when test="$entity = 'lt'">&lt;</xsl:when>
            <xsl:when test="$entity = 'gt'">&gt;</xsl:when>
            <xsl:when test="$entity = 'amp'">&amp;</xsl:when>
            <xsl:when test="$entity = 'quot'">"</xsl:when>
            <xsl:when test="$entity = 'apos' or $entity = '#39' or $entity = '#x27'">'</xsl:when>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$character != ''">
            <xsl:value-of select="$character"/>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="substring-after($rest, ';')"/>
              <xsl:with-param name="cut" select="$cut"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:when test="$cut and not(contains($rest, ';')) and string-length($rest) &lt; 6"/>
          <xsl:otherwise>
            <xsl:text>&amp;</xsl:text>
            <xsl:call-template name="unescape">
              <xsl:with-param name="text" select="$rest"/>
              <xsl:with-param name="cut" select="$cut"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
