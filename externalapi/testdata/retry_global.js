// Defines a constructor, for the test that retries a failed load.
window.RetryExternalAPI = function RetryExternalAPI() {};
