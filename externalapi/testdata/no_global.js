// Loads fine but defines no External API constructor.
window.noGlobalScriptRan = (window.noGlobalScriptRan || 0) + 1;
