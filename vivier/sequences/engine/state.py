"""The worker's stop flag, shared by the engine's steps and the worker loop."""

# Set on SIGTERM (or when ``vivier serve`` stops): the batch stops after the message being sent, the rest of
# it goes back to due.
stop_requested = False
