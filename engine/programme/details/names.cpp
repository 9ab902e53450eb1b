#include "programme/details/names.hpp"

#include <map>

namespace cohort::programme::details {
namespace {

using S = std::vector<std::string>;

const std::map<std::string, CountryNames, std::less<>>& table() {
  static const std::map<std::string, CountryNames, std::less<>> t = {
      {"ID", {S{"Budi", "Agus", "Rizky", "Dimas", "Fajar", "Hendra"}, S{"Siti", "Dewi", "Putri", "Rina", "Intan", "Ayu"},
              S{"Santoso", "Wijaya", "Pratama", "Hidayat", "Setiawan", "Saputra"}, "id"}},
      {"MY", {S{"Hafiz", "Amir", "Faizal", "Wei Jie", "Kumar"}, S{"Nurul", "Aisyah", "Farah", "Mei Ling", "Priya"},
              S{"Abdullah", "Ismail", "Tan", "Lim", "Rahman"}, "ms"}},
      {"VN", {S{"Minh", "Tuan", "Duc", "Hung", "Quang", "Nam"}, S{"Lan", "Huong", "Mai", "Thao", "Linh", "Trang"},
              S{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"}, "vi", true}},
      {"TH", {S{"Somchai", "Anan", "Kittisak", "Prasert", "Nattapong"}, S{"Siriporn", "Kanya", "Pimchanok", "Wanida", "Ratana"},
              S{"Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakorn", "Boonmee"}, "th"}},
      {"KH", {S{"Sokha", "Dara", "Vannak", "Rithy"}, S{"Sreymom", "Chanthou", "Sophea", "Bopha"}, S{"Sok", "Chan", "Heng", "Kim"}, "km", true}},
      {"LA", {S{"Somphone", "Khamla", "Souksavanh"}, S{"Bounmy", "Phonesavanh", "Manivone"}, S{"Phommachanh", "Sisouk", "Vongsa"}, "lo"}},
      {"MM", {S{"Aung", "Kyaw", "Zaw", "Thura"}, S{"Thandar", "Hnin", "Su", "Ei"}, S{"Min", "Htet", "Oo", "Win"}, "my"}},
      {"PH", {S{"Jose", "Mark", "Paolo", "Ramon"}, S{"Maria", "Angelica", "Kristine", "Joy"}, S{"Santos", "Reyes", "Cruz", "Bautista"}, "tl"}},
      {"PK", {S{"Ali", "Usman", "Bilal", "Hamza", "Imran"}, S{"Ayesha", "Fatima", "Sana", "Hina", "Zainab"},
              S{"Khan", "Ahmed", "Malik", "Hussain", "Qureshi"}, "ur"}},
      {"BD", {S{"Rahim", "Tanvir", "Arif", "Sabbir"}, S{"Nusrat", "Sharmin", "Tahmina", "Farzana"}, S{"Hossain", "Rahman", "Islam", "Chowdhury"}, "bn"}},
      {"LK", {S{"Nuwan", "Kasun", "Chaminda", "Ruwan"}, S{"Dilani", "Nadeesha", "Ishara", "Sanduni"}, S{"Perera", "Fernando", "Silva", "Jayasinghe"}, "si"}},
      {"NP", {S{"Suman", "Bikash", "Ramesh", "Anil"}, S{"Sita", "Anjali", "Pooja", "Sabina"}, S{"Shrestha", "Gurung", "Thapa", "Adhikari"}, "ne"}},
      {"IN", {S{"Rahul", "Amit", "Vikram"}, S{"Priya", "Neha", "Kavya"}, S{"Sharma", "Patel", "Iyer", "Reddy"}, "hi"}},
      {"KE", {S{"Brian", "Kevin", "Otieno", "Kipchoge"}, S{"Faith", "Mercy", "Wanjiru", "Akinyi"}, S{"Odhiambo", "Kamau", "Mwangi", "Kiprop"}, "sw"}},
      {"TZ", {S{"Juma", "Baraka", "Emmanuel"}, S{"Neema", "Rehema", "Upendo"}, S{"Mushi", "Mrema", "Massawe"}, "sw"}},
      {"UG", {S{"Moses", "Isaac", "Ronald"}, S{"Grace", "Esther", "Prossy"}, S{"Okello", "Mugisha", "Nakato", "Ssemwanga"}, "lg"}},
      {"RW", {S{"Jean", "Eric", "Olivier"}, S{"Aline", "Diane", "Claudine"}, S{"Habimana", "Uwimana", "Niyonzima"}, "rw"}},
      {"ZM", {S{"Mwila", "Chanda", "Mulenga"}, S{"Mutale", "Bwalya", "Natasha"}, S{"Banda", "Phiri", "Mwale"}, "ny"}},
      {"ET", {S{"Abebe", "Dawit", "Yohannes", "Tesfaye"}, S{"Hanna", "Meron", "Selam", "Tigist"}, S{"Bekele", "Girma", "Haile", "Tadesse"}, "am"}},
      {"NG", {S{"Chinedu", "Emeka", "Tunde", "Ibrahim"}, S{"Ngozi", "Funmilayo", "Amaka", "Aisha"}, S{"Okafor", "Adeyemi", "Balogun", "Eze"}, "yo"}},
      {"GH", {S{"Kwame", "Kofi", "Yaw"}, S{"Ama", "Akosua", "Efua"}, S{"Mensah", "Owusu", "Boateng"}, "ak"}},
      {"ZA", {S{"Thabo", "Sipho", "Pieter"}, S{"Lerato", "Naledi", "Anke"}, S{"Nkosi", "Dlamini", "Mokoena", "van der Merwe"}, "zu"}},
      {"EG", {S{"Mohamed", "Ahmed", "Omar", "Youssef", "Karim"}, S{"Fatma", "Mariam", "Nour", "Salma", "Heba"},
              S{"Hassan", "Ibrahim", "Mahmoud", "Abdel-Rahman", "Saleh"}, "ar"}},
      {"DZ", {S{"Karim", "Yacine", "Mourad"}, S{"Amina", "Lina", "Samira"}, S{"Benali", "Haddad", "Mansouri", "Boudiaf"}, "ar"}},
      {"MA", {S{"Youssef", "Hamza", "Mehdi"}, S{"Salma", "Imane", "Khadija"}, S{"El Amrani", "Benjelloun", "Alaoui", "Idrissi"}, "ar"}},
      {"SA", {S{"Abdullah", "Faisal", "Saud"}, S{"Noura", "Reem", "Lama"}, S{"Al-Harbi", "Al-Qahtani", "Al-Otaibi"}, "ar"}},
      {"OM", {S{"Said", "Salim", "Hamed"}, S{"Maryam", "Aisha", "Buthaina"}, S{"Al-Balushi", "Al-Hinai", "Al-Busaidi"}, "ar"}},
      {"TR", {S{"Mehmet", "Emre", "Burak"}, S{"Elif", "Zeynep", "Ayse"}, S{"Yilmaz", "Kaya", "Demir"}, "tr"}},
      {"IR", {S{"Reza", "Ali", "Hossein"}, S{"Maryam", "Zahra", "Sara"}, S{"Hosseini", "Ahmadi", "Karimi"}, "fa"}},
      {"UZ", {S{"Jasur", "Bekzod", "Sardor", "Otabek"}, S{"Dilnoza", "Malika", "Nodira", "Gulnora"}, S{"Yusupov", "Rakhimov", "Abdullaev", "Karimov"}, "uz"}},
      {"KZ", {S{"Nurlan", "Daniyar", "Arman"}, S{"Aigerim", "Dana", "Madina"}, S{"Suleimenov", "Akhmetov", "Zhakupov"}, "kk"}},
      {"MN", {S{"Bat-Erdene", "Ganbold", "Temuulen"}, S{"Oyuntsetseg", "Enkhjargal", "Saruul"}, S{"Batbayar", "Dorj", "Gantulga"}, "mn", true}},
      {"BO", {S{"Juan", "Carlos", "Luis", "Diego"}, S{"Maria", "Ana", "Lucia", "Gabriela"}, S{"Mamani", "Quispe", "Flores", "Rojas"}, "es"}},
      {"EC", {S{"Andres", "Santiago", "Jorge"}, S{"Daniela", "Paola", "Veronica"}, S{"Vargas", "Torres", "Zambrano"}, "es"}},
      {"PE", {S{"Jorge", "Miguel", "Renzo"}, S{"Rosa", "Carmen", "Milagros"}, S{"Gutierrez", "Huaman", "Chavez"}, "es"}},
      {"MX", {S{"Alejandro", "Javier"}, S{"Fernanda", "Ximena"}, S{"Hernandez", "Lopez", "Martinez"}, "es"}},
      {"BR", {S{"Joao", "Pedro", "Lucas"}, S{"Ana", "Juliana", "Camila"}, S{"Silva", "Santos", "Oliveira"}, "pt"}},
      {"FR", {S{"Julien", "Thomas"}, S{"Camille", "Claire"}, S{"Martin", "Bernard", "Dubois"}, "fr"}},
  };
  return t;
}

}  // namespace

const CountryNames& names_for(std::string_view country) {
  static const CountryNames generic{S{"Alex", "Sam", "Daniel"}, S{"Maria", "Anna", "Sara"}, S{"Lee", "Smith", "Ali"}, "en"};
  const auto& t = table();
  auto it = t.find(country);
  return it == t.end() ? generic : it->second;
}

const std::vector<std::string>& known_countries() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const auto& [cc, n] : table()) v.push_back(cc);
    return v;
  }();
  return all;
}

}  // namespace cohort::programme::details
