// placeholder, replaced as the concept lands
namespace cohort { [[maybe_unused]] static int placeholder_loader = 0; }
