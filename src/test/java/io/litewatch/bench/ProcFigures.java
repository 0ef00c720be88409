package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A process's resident memory, open file descriptors and threads, as {@code /proc} gives
 * them at one moment; -1 for what could not be read (the process ended).
 */
record ProcFigures(long rssKb, int fds, int threads) {

	static ProcFigures of(long pid) {
		long rss = -1;
		int threads = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
				else if (line.startsWith("Threads:")) {
					threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return new ProcFigures(-1, -1, -1);
		}
		int fds;
		try (Stream<Path> open = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			fds = (int) open.count();
		}
		catch (IOException ex) {
			fds = -1;
		}
		return new ProcFigures(rss, fds, threads);
	}

	double rssMb() {
		return rssKb / 1024.0;
	}

}
