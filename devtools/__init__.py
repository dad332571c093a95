"""Development tools: benchmarks, synthetic catalogues and adversarial inputs. Not in the wheel."""
