package io.litewatch.config;

import java.io.IOException;
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
 * polls it often and the file rarely changes. Never throws; failures come back as
 * {@link ConfigLoad#error()}.
 */
public final class LitestreamConfigFile {

	private final Path file;

	private final LitestreamConfigParser parser;

	// Per instance and swapped atomically: concurrent polls may both parse, but never see
	// half a state.
	private final AtomicReference<Cached> cache = new AtomicReference<>();

	public LitestreamConfigFile(Path file, LitestreamConfigParser parser) {
		this.file = Objects.requireNonNull(file, "file");
		this.parser = Objects.requireNonNull(parser, "parser");
	}

	public ConfigLoad load() {
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
		Stamp stamp = new Stamp(modifiedAt, attributes.size());
		Cached cached = this.cache.get();
		if (cached != null && cached.stamp.equals(stamp)) {
			return cached.load;
		}
		ConfigLoad load = read(modifiedAt);
		this.cache.set(new Cached(stamp, load));
		return load;
	}

	private ConfigLoad read(Instant modifiedAt) {
		String text;
		try {
			text = Files.readString(this.file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return failed("config file not found: " + this.file, null);
		}
		catch (IOException | RuntimeException ex) {
			return failed("cannot read config file: " + this.file + " (" + ex.getClass().getSimpleName() + ")",
					modifiedAt);
		}
		try {
			return new ConfigLoad(this.file, this.parser.parse(text, this.file.toString()), null, modifiedAt);
		}
		catch (ConfigParseException ex) {
			return new ConfigLoad(this.file, null, ex, modifiedAt);
		}
		catch (RuntimeException ex) {
			// A parser bug must not take the dashboard down; the type is enough to find
			// it.
			return failed("cannot parse config file: " + ex.getClass().getSimpleName(), modifiedAt);
		}
	}

	private ConfigLoad failed(String reason, Instant modifiedAt) {
		return new ConfigLoad(this.file, null, new ConfigParseException(this.file.toString(), 0, reason), modifiedAt);
	}

	private record Stamp(Instant modifiedAt, long size) {
	}

	private record Cached(Stamp stamp, ConfigLoad load) {
	}

}
