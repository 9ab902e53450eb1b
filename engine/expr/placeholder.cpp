namespace cohort { [[maybe_unused]] static int placeholder_expr = 0; }
