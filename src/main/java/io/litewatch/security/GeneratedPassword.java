package io.litewatch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The password of the generated {@code admin}, kept in a file only Litewatch's own user
 * can read. A log line would carry it to wherever logs are shipped and kept, and to
 * everyone who reads them. The file is read again at the next start, so the password
 * stays until someone deletes the file (then the next start writes a new one) or
 * configures users.
 */
final class GeneratedPassword {

	static final String FILE = "admin-password";

	/** 144 random bits: as strong as the tokens the README suggests. */
	private static final int BYTES = 18;

	/** A kept password longer than this, or with blanks in it, is not ours. */
	private static final int MAX_CHARS = 100;

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private GeneratedPassword() {
	}

	/** Where the password is kept under {@code dataDir}. */
	static Path file(Path dataDir) {
		return dataDir.resolve(FILE).toAbsolutePath().normalize();
	}

	/**
	 * The kept password, or a new one written to the file first.
	 * @throws AccessConfigException when the file cannot be read or written
	 */
	static String obtain(Path dataDir, SecureRandom random) {
		Path file = file(dataDir);
		try {
			if (Files.isRegularFile(file)) {
				String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (!kept.isEmpty() && kept.length() <= MAX_CHARS && kept.chars().noneMatch(Character::isWhitespace)) {
					ownerOnly(file);
					return kept;
				}
			}
			byte[] bytes = new byte[BYTES];
			random.nextBytes(bytes);
			String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			write(file, password);
			return password;
		}
		catch (IOException | RuntimeException ex) {
			throw new AccessConfigException(
					"No user is configured, and the generated admin password cannot be kept in " + file + ": "
							+ ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage())
							+ ".",
					"Make litewatch.data-dir writable for Litewatch's user, or set litewatch.security.users "
							+ "(README, Access).");
		}
	}

	/**
	 * Written to a private temporary file first and moved into place, so that the
	 * password is never readable by others, not even for a moment, and a crash leaves no
	 * half-written file.
	 */
	private static void write(Path file, String password) throws IOException {
		Files.createDirectories(file.getParent());
		boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
		FileAttribute<?>[] attributes = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(file.getParent(), "." + FILE + "-", ".tmp", attributes);
		try {
			Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static void ownerOnly(Path file) throws IOException {
		if (Files.getFileStore(file).supportsFileAttributeView("posix")
				&& !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
			Files.setPosixFilePermissions(file, OWNER_ONLY);
		}
	}

}
