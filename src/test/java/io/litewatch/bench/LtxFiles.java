package io.litewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.litewatch.bench.KeyFamily.ObjectEntry;

/**
 * Writes key families (a {@link SyntheticLtxReplica}'s level folders) straight into
 * s3proxy's filesystem backend, as {@link ReplicaFiles} does for 0.3: an object is a file
 * of its entry's size, its mtime the entry's LastModified.
 */
final class LtxFiles {

	private static final int WRITERS = 4;

	private final List<KeyFamily> families;

	private final Path bucketDir;

	/** Per family, how many of its files exist on disk. */
	private final long[] written;

	LtxFiles(List<KeyFamily> families, Path bucketDir) {
		this.families = List.copyOf(families);
		this.bucketDir = bucketDir;
		this.written = new long[families.size()];
	}

	/** Every family's files at {@code now}, in parallel. */
	synchronized void writeInitial(Instant now) throws IOException, InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		try {
			List<Future<?>> parts = new ArrayList<>();
			for (int f = 0; f < families.size(); f++) {
				KeyFamily family = families.get(f);
				Files.createDirectories(bucketDir.resolve(family.prefix()));
				long total = family.count(now);
				for (int w = 0; w < WRITERS; w++) {
					long from = total * w / WRITERS;
					long to = total * (w + 1) / WRITERS;
					parts.add(pool.submit(() -> write(family, from, to)));
				}
				written[f] = total;
			}
			for (Future<?> part : parts) {
				part.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IOException("writing LTX files failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The files grown by {@code now}, as Litestream would upload them. */
	synchronized void appendUpTo(Instant now) {
		for (int f = 0; f < families.size(); f++) {
			long target = families.get(f).count(now);
			write(families.get(f), written[f], target);
			written[f] = Math.max(written[f], target);
		}
	}

	private void write(KeyFamily family, long from, long to) {
		for (long p = from; p < to; p++) {
			ObjectEntry entry = family.entry(p);
			Path file = bucketDir.resolve(entry.key());
			try {
				Files.write(file, body(entry));
				Files.setLastModifiedTime(file, FileTime.from(entry.lastModified()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Zeros, but a snapshot starts with the LTX header its name says: Litewatch reads the
	 * newest snapshot's first 100 bytes (the other files' bodies nobody reads).
	 */
	private static byte[] body(ObjectEntry entry) {
		byte[] body = new byte[(int) entry.size()];
		String key = entry.key();
		if (!key.contains("/0009/")) {
			return body;
		}
		String name = key.substring(key.lastIndexOf('/') + 1);
		java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body);
		b.putInt(0, 0x4c545831);
		b.putInt(4, 2);
		b.putInt(8, 4096);
		b.putInt(12, 1);
		b.putLong(16, Long.parseUnsignedLong(name.substring(0, 16), 16));
		b.putLong(24, Long.parseUnsignedLong(name.substring(17, 33), 16));
		b.putLong(32, entry.lastModified().toEpochMilli());
		return body;
	}

}
