package io.litewatch.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;

/**
 * Collects an exec's stdout and stderr frames into separate bounded buffers: frames keep
 * arriving (and are dropped) after the limit, so the exec is never blocked on a full
 * pipe.
 */
final class FrameCollector extends ResultCallback.Adapter<Frame> {

	private final BoundedOutput out;

	private final BoundedOutput err;

	FrameCollector(int limitPerStream) {
		this.out = new BoundedOutput(limitPerStream);
		this.err = new BoundedOutput(limitPerStream);
	}

	@Override
	public void onNext(Frame frame) {
		byte[] payload = frame.getPayload();
		if (payload == null) {
			return;
		}
		switch (frame.getStreamType()) {
			case STDERR -> err.write(payload);
			case STDOUT, RAW -> out.write(payload);
			default -> {
				// STDIN echo is not attached
			}
		}
	}

	BoundedOutput stdout() {
		return out;
	}

	BoundedOutput stderr() {
		return err;
	}

	void closeQuietly() {
		try {
			close();
		}
		catch (IOException ignored) {
			// the connection is being abandoned anyway
		}
	}

}
