package io.litewatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a litestream.yml, re-parsing only when its mtime or size changed: the dashboard
 * polls it often and the file rarely changes. Never throws on the file's account:
 * failures, including a file over the size bound, come back as
 * {@link ConfigLoad#error()}.
 */
public final class LitestreamConfigFile {

	/**
	 * A litestream.yml is a few kilobytes; this leaves room and bounds time and memory.
	 */
	public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

	private final Path file;

	private final TextParser parser;

	private final long maxBytes;

	// Per instance and swapped atomically: concurrent polls may both parse, but never see
	// half a state.
	private final AtomicReference<Cached> cache = new AtomicReference<>();

	public LitestreamConfigFile(Path file, LitestreamConfigParser parser) {
		this(file, parser, DEFAULT_MAX_BYTES);
	}

	/**
	 * @param file the litestream.yml
	 * @param parser parses its text
	 * @param maxBytes larger files are refused without being parsed
	 */
	public LitestreamConfigFile(Path file, LitestreamConfigParser parser, long maxBytes) {
		this(file, Objects.requireNonNull(parser, "parser")::parse, maxBytes);
	}

	// Package-private so a test can make parsing fail in ways the real parser is built
	// never to fail.
	LitestreamConfigFile(Path file, TextParser parser, long maxBytes) {
		if (maxBytes <= 0 || maxBytes >= Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 9));
		}
		this.file = Objects.requireNonNull(file, "file");
		this.parser = Objects.requireNonNull(parser, "parser");
		this.maxBytes = maxBytes;
	}

	/** Reads the file, telling from its own keys which Litestream it is written for. */
	public ConfigLoad load() {
		return load(null, null);
	}

	/**
	 * Reads the file as {@code dialect} does (null: tell from the file).
	 * @param basis why that dialect, for the page
	 */
	public ConfigLoad load(LitestreamDialect dialect, String basis) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			this.cache.set(null);
			return failed("config file not found: " + this.file, null);
		}
		catch (IOException | RuntimeException ex) {
			this.cache.set(null);
			return failed("cannot read config file: " + this.file + " (" + ex.getClass().getSimpleName() + ")", null);
		}
		Instant modifiedAt = attributes.lastModifiedTime().toInstant();
		Stamp stamp = new Stamp(modifiedAt, attributes.size(), dialect, basis);
		Cached cached = this.cache.get();
		if (cached != null && cached.stamp.equals(stamp)) {
			return cached.load;
		}
		ConfigLoad load;
		if (!attributes.isRegularFile()) {
			// A directory cannot be read, and a named pipe would block the poll until
			// someone writes to it.
			load = failed("cannot read config file: " + this.file + " (not a regular file)", modifiedAt);
		}
		else if (attributes.size() > this.maxBytes) {
			load = tooLarge(attributes.size() + " bytes", modifiedAt);
		}
		else {
			load = read(modifiedAt, dialect, basis);
		}
		this.cache.set(new Cached(stamp, load));
		return load;
	}

	private ConfigLoad read(Instant modifiedAt, LitestreamDialect dialect, String basis) {
		String text;
		try {
			byte[] bytes;
			// At most one byte past the bound: the file may have grown since its size was
			// read.
			try (InputStream in = Files.newInputStream(this.file)) {
				bytes = in.readNBytes((int) this.maxBytes + 1);
			}
			if (bytes.length > this.maxBytes) {
				return tooLarge("more than " + this.maxBytes + " bytes (it grew while being read)", modifiedAt);
			}
			// Strict like Files.readString: invalid UTF-8 is an error, not replaced.
			text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (NoSuchFileException ex) {
			return failed("config file not found: " + this.file, null);
		}
		catch (IOException | RuntimeException ex) {
			return failed("cannot read config file: " + this.file + " (" + ex.getClass().getSimpleName() + ")",
					modifiedAt);
		}
		return parse(text, modifiedAt, dialect, basis);
	}

	private ConfigLoad parse(String text, Instant modifiedAt, LitestreamDialect dialect, String basis) {
		try {
			return new ConfigLoad(this.file, this.parser.parse(text, this.file.toString(), dialect, basis), null,
					modifiedAt);
		}
		catch (ConfigParseException ex) {
			return new ConfigLoad(this.file, null, ex, modifiedAt);
		}
		catch (RuntimeException ex) {
			// A parser bug must not take the dashboard down; the type is enough to find
			// it.
			return failed("cannot parse config file: " + ex.getClass().getSimpleName(), modifiedAt);
		}
		catch (StackOverflowError ex) {
			// Last resort: the parser bounds nesting and refuses self-referencing
			// aliases,
			// but a missed recursive shape must still not end the poll thread. The stack
			// is unwound by now, so carrying on is safe.
			return failed("cannot parse config file: it is nested too deeply (StackOverflowError)", modifiedAt);
		}
		catch (VirtualMachineError ex) {
			// Out of memory or an internal JVM error: nothing about this file, and not
			// safe to carry on as if it were.
			throw ex;
		}
		catch (Error ex) {
			// E.g. a LinkageError from the YAML library: shown as an invalid config on
			// every poll, which is visible, rather than a poll thread that silently
			// stops.
			return failed("cannot parse config file: " + ex.getClass().getSimpleName(), modifiedAt);
		}
	}

	private ConfigLoad tooLarge(String size, Instant modifiedAt) {
		return failed("config file is " + size + ", over the limit of " + this.maxBytes
				+ " bytes; a litestream.yml is a few kilobytes", modifiedAt);
	}

	private ConfigLoad failed(String reason, Instant modifiedAt) {
		return new ConfigLoad(this.file, null, new ConfigParseException(this.file.toString(), 0, reason), modifiedAt);
	}

	/**
	 * Parses the text of a litestream.yml as {@code dialect} reads it (null: tell from
	 * the file); {@link LitestreamConfigParser#parse} in production.
	 */
	@FunctionalInterface
	interface TextParser {

		LitestreamConfig parse(String text, String source, LitestreamDialect dialect, String basis);

	}

	/** The file's state and how it was read: another Litestream reads it anew. */
	private record Stamp(Instant modifiedAt, long size, LitestreamDialect dialect, String basis) {
	}

	private record Cached(Stamp stamp, ConfigLoad load) {
	}

}
