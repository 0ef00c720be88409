package io.litewatch.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The read-only tokens of {@code litewatch.security.tokens}, parsed once. Only their
 * hashes are kept; a presented token is hashed and compared in constant time.
 */
final class MachineTokens {

	/** One configured token: exactly one of the two hashes is set. */
	private record Entry(String name, byte[] sha256, String bcrypt) {

		boolean matches(String presented, byte[] presentedSha256) {
			if (sha256 != null) {
				return MessageDigest.isEqual(sha256, presentedSha256);
			}
			return BCrypt.checkpw(presented, bcrypt);
		}

	}

	private final List<Entry> entries;

	private MachineTokens(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * @throws AccessConfigException naming the first token whose hash is unusable, or a
	 * name given twice
	 */
	static MachineTokens of(List<AccessProperties.Token> tokens) {
		List<Entry> entries = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < tokens.size(); i++) {
			AccessProperties.Token token = tokens.get(i);
			String where = "litewatch.security.tokens[" + i + "] (" + token.name() + ")";
			if (!names.add(token.name())) {
				throw new AccessConfigException(where + ": the name is given twice.",
						"Give every token its own name: the name is what the logs and the page say.");
			}
			byte[] sha256 = Hashes.sha256Setting(token.hash());
			String bcrypt = sha256 == null ? Hashes.bcrypt(token.hash()) : null;
			if (sha256 == null && bcrypt == null) {
				throw new AccessConfigException(
						where + ": hash is neither sha256:<64 hex digits> nor a bcrypt hash"
								+ (token.hash() == null || token.hash().isBlank() ? " (it is missing)." : "."),
						"Make a token and its hash with  TOKEN=$(openssl rand -hex 32); printf 'sha256:%s\\n'"
								+ " \"$(printf %s \"$TOKEN\" | sha256sum | cut -d' ' -f1)\"  and set the printed"
								+ " line as the hash (README, Access).");
			}
			entries.add(new Entry(token.name(), sha256, bcrypt));
		}
		return new MachineTokens(entries);
	}

	/** The name of the configured token {@code presented} is, if it is one. */
	Optional<String> find(String presented) {
		if (presented == null || presented.isEmpty()) {
			return Optional.empty();
		}
		byte[] digest = Hashes.sha256(presented);
		return entries.stream().filter((e) -> e.matches(presented, digest)).map(Entry::name).findFirst();
	}

	boolean isEmpty() {
		return entries.isEmpty();
	}

}
