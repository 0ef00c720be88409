package io.litewatch.badge;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

class BadgeSvgTest {

	@Test
	void theSvgIsWellFormedAndSaysItsTextInTitleAndAriaLabel() throws Exception {
		Document svg = parse(BadgeSvg.render(new Badge("litewatch", "production: ok \u00b7 lag 2s", Badge.Tone.OK)));

		assertThat(svg.getDocumentElement().getAttribute("aria-label"))
			.isEqualTo("litewatch: production: ok \u00b7 lag 2s");
		assertThat(svg.getElementsByTagName("title").item(0).getTextContent())
			.isEqualTo("litewatch: production: ok \u00b7 lag 2s");
		assertThat(svg.getElementsByTagName("text").item(1).getTextContent()).isEqualTo("production: ok \u00b7 lag 2s");
	}

	@Test
	void markupInANameIsText() throws Exception {
		String name = "<script>alert(1)</script>&\"'";
		String rendered = BadgeSvg.render(new Badge("litewatch", name, Badge.Tone.CRITICAL));

		assertThat(rendered).doesNotContain("<script").contains("&lt;script&gt;");
		assertThat(parse(rendered).getElementsByTagName("text").item(1).getTextContent()).isEqualTo(name);
	}

	@Test
	void theWidthFollowsTheText() throws Exception {
		int shortWidth = width(BadgeSvg.render(new Badge("litewatch", "ok", Badge.Tone.OK)));
		int longWidth = width(
				BadgeSvg.render(new Badge("litewatch", "production: critical \u00b7 lag 1h 5m", Badge.Tone.OK)));

		assertThat(longWidth).isGreaterThan(shortWidth + 150);
		assertThat(BadgeSvg.textWidth("WWW")).isGreaterThan(BadgeSvg.textWidth("iii") * 2);
	}

	@Test
	void controlCharactersAreDroppedAndLongTextsCut() throws Exception {
		assertThat(BadgeSvg.clean("a\u0000b\u001bc\nd")).isEqualTo("abc d");
		String cut = BadgeSvg.clean("x".repeat(200));
		assertThat(cut).hasSize(BadgeSvg.MAX_CHARS).endsWith("\u2026");
		assertThat(BadgeSvg.clean("x".repeat(BadgeSvg.MAX_CHARS))).isEqualTo("x".repeat(BadgeSvg.MAX_CHARS));
		parse(BadgeSvg.render(new Badge("litewatch", "\u0000\ud800" + "y".repeat(300), Badge.Tone.NONE)));
	}

	@Test
	void noFontOrOtherResourceIsLoaded() {
		String rendered = BadgeSvg.render(new Badge("litewatch", "ok", Badge.Tone.OK));

		assertThat(rendered).doesNotContain("@import", "@font-face", "href", "<script", "<style");
	}

	static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

	private static int width(String svg) throws Exception {
		return Integer.parseInt(parse(svg).getDocumentElement().getAttribute("width"));
	}

}
