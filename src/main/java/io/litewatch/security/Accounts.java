package io.litewatch.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The people who may sign in, from {@code litewatch.security.users}, or the one generated
 * operator when none is configured.
 *
 * @param generated true when {@code users} is the generated {@code admin} alone
 */
record Accounts(List<UserDetails> users, boolean generated) {

	static final String GENERATED_NAME = "admin";

	Accounts {
		users = List.copyOf(users);
	}

	/**
	 * @throws AccessConfigException naming the first user whose hash is unusable, or a
	 * name given twice
	 */
	static Accounts configured(List<AccessProperties.User> configured) {
		List<UserDetails> users = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < configured.size(); i++) {
			AccessProperties.User user = configured.get(i);
			String where = "litewatch.security.users[" + i + "] (" + user.name() + ")";
			if (!names.add(user.name())) {
				throw new AccessConfigException(where + ": the name is given twice.",
						"Give every user one entry, with one role.");
			}
			String hash = Hashes.bcrypt(user.passwordHash());
			if (hash == null) {
				throw new AccessConfigException(where + ": password-hash " + Hashes.whyNotBcrypt(user.passwordHash()),
						Hashes.HOW_TO_HASH);
			}
			users.add(User.withUsername(user.name()).password(hash).roles(user.role().name()).build());
		}
		return new Accounts(users, false);
	}

	/** The operator {@code admin} with an already hashed, freshly generated password. */
	static Accounts generated(String passwordHash) {
		return new Accounts(List.of(User.withUsername(GENERATED_NAME)
			.password(passwordHash)
			.roles(AccessProperties.Role.OPERATOR.name())
			.build()), true);
	}

}
