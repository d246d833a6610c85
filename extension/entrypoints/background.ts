export default defineBackground(() => {
  // Message handlers and alarms are registered here as the store and sync land.
});
